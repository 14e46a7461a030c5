// The 16 regions of Chile (ISO 3166-2 code and the name the server stores) and their main comunas.
export interface Region {
  code: string;
  name: string;
  comunas: string[];
}

export const REGIONS: Region[] = [
  { code: 'CL-AP', name: 'Arica y Parinacota', comunas: ['Arica', 'Camarones', 'Putre', 'General Lagos'] },
  { code: 'CL-TA', name: 'Tarapacá', comunas: ['Iquique', 'Alto Hospicio', 'Pozo Almonte', 'Pica', 'Huara'] },
  { code: 'CL-AN', name: 'Antofagasta', comunas: ['Antofagasta', 'Calama', 'Mejillones', 'Taltal', 'Tocopilla', 'San Pedro de Atacama'] },
  { code: 'CL-AT', name: 'Atacama', comunas: ['Copiapó', 'Caldera', 'Vallenar', 'Chañaral', 'Diego de Almagro', 'Huasco'] },
  { code: 'CL-CO', name: 'Coquimbo', comunas: ['La Serena', 'Coquimbo', 'Ovalle', 'Illapel', 'Vicuña', 'Los Vilos', 'Salamanca'] },
  { code: 'CL-VS', name: 'Valparaíso', comunas: ['Valparaíso', 'Viña del Mar', 'Quilpué', 'Villa Alemana', 'Concón', 'San Antonio', 'Quillota', 'Los Andes', 'San Felipe', 'La Calera'] },
  { code: 'CL-RM', name: 'Metropolitana de Santiago', comunas: ['Santiago', 'Providencia', 'Las Condes', 'Ñuñoa', 'Vitacura', 'Lo Barnechea', 'La Reina', 'Macul', 'Peñalolén', 'La Florida', 'Puente Alto', 'Maipú', 'Estación Central', 'Recoleta', 'Independencia', 'Quinta Normal', 'San Miguel', 'San Joaquín', 'La Cisterna', 'San Bernardo', 'Pudahuel', 'Cerrillos', 'Huechuraba', 'Conchalí', 'Quilicura', 'Renca', 'Lo Prado', 'Cerro Navia', 'La Granja', 'La Pintana', 'El Bosque', 'Lo Espejo', 'Pedro Aguirre Cerda', 'San Ramón', 'Colina', 'Lampa', 'Buin', 'Paine', 'Talagante', 'Peñaflor', 'Melipilla'] },
  { code: 'CL-LI', name: "Libertador General Bernardo O'Higgins", comunas: ['Rancagua', 'Machalí', 'San Fernando', 'Rengo', 'Santa Cruz', 'Pichilemu', 'Graneros'] },
  { code: 'CL-ML', name: 'Maule', comunas: ['Talca', 'Curicó', 'Linares', 'Constitución', 'Cauquenes', 'Molina', 'Parral'] },
  { code: 'CL-NB', name: 'Ñuble', comunas: ['Chillán', 'Chillán Viejo', 'San Carlos', 'Bulnes', 'Quirihue', 'Coelemu'] },
  { code: 'CL-BI', name: 'Biobío', comunas: ['Concepción', 'Talcahuano', 'San Pedro de la Paz', 'Hualpén', 'Chiguayante', 'Coronel', 'Los Ángeles', 'Tomé', 'Lota'] },
  { code: 'CL-AR', name: 'La Araucanía', comunas: ['Temuco', 'Padre Las Casas', 'Villarrica', 'Pucón', 'Angol', 'Victoria', 'Lautaro'] },
  { code: 'CL-LR', name: 'Los Ríos', comunas: ['Valdivia', 'La Unión', 'Río Bueno', 'Panguipulli', 'Los Lagos', 'Paillaco'] },
  { code: 'CL-LL', name: 'Los Lagos', comunas: ['Puerto Montt', 'Osorno', 'Puerto Varas', 'Castro', 'Ancud', 'Frutillar', 'Calbuco'] },
  { code: 'CL-AI', name: 'Aysén del General Carlos Ibáñez del Campo', comunas: ['Coyhaique', 'Aysén', 'Chile Chico', 'Cochrane', 'Cisnes'] },
  { code: 'CL-MA', name: 'Magallanes y de la Antártica Chilena', comunas: ['Punta Arenas', 'Puerto Natales', 'Porvenir', 'Puerto Williams'] },
];

/** The region whose code or stored name is `value`, if any. */
export function findRegion(value: string | null | undefined): Region | undefined {
  if (!value) return undefined;
  return REGIONS.find((r) => r.code === value || r.name === value);
}
